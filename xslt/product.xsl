<?xml version="1.0" encoding="UTF-8"?>
<!-- Product: description, vendor and its support contact, delivery mode;
     the choice of spec and period (only combinations that are sold, each
     a link that shows its price next to 立即购买, no script needed), the
     spec × period price table, and the buy form. A period of months="0"
     is once (一次性, a service sold once). A product taken off sale says so
     and sends its buyers to what they already have. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:m="urn:mp:i18n"
    exclude-result-prefixes="m">
  <xsl:import href="_layout.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:value-of select="product/name"/>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <xsl:variable name="p" select="product"/>
    <xsl:call-template name="crumbs">
      <xsl:with-param name="href1" select="concat('/categories/', $p/category/@slug)"/>
      <xsl:with-param name="text1" select="$p/category"/>
      <xsl:with-param name="here" select="$p/name"/>
    </xsl:call-template>
    <div class="product">
      <section class="product-main">
        <h1><xsl:value-of select="$p/name"/></h1>
        <p class="lead"><xsl:value-of select="$p/summary"/></p>
        <dl class="facts">
          <dt><xsl:value-of select="m:t('product.vendor')"/></dt>
          <dd><xsl:value-of select="$p/vendor"/></dd>
          <dt><xsl:value-of select="m:t('product.delivery')"/></dt>
          <dd>
            <span class="badge badge-{$p/@delivery}"><xsl:value-of select="m:t(concat('delivery.', $p/@delivery))"/></span>
            <span class="muted"><xsl:text> </xsl:text><xsl:value-of select="m:t(concat('delivery.', $p/@delivery, '.hint'))"/></span>
          </dd>
          <dt><xsl:value-of select="m:t('product.free_login')"/></dt>
          <dd>
            <xsl:choose>
              <xsl:when test="$p/@free-login = '1'"><xsl:value-of select="m:t('common.yes')"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="m:t('common.no')"/></xsl:otherwise>
            </xsl:choose>
          </dd>
        </dl>
        <xsl:if test="$p/description/p">
          <h2><xsl:value-of select="m:t('product.description')"/></h2>
          <div class="description">
            <xsl:for-each select="$p/description/p"><p><xsl:value-of select="."/></p></xsl:for-each>
          </div>
        </xsl:if>
        <h2><xsl:value-of select="m:t('support.title')"/></h2>
        <xsl:apply-templates select="$p/support" mode="contact">
          <xsl:with-param name="website" select="$p/vendor/@website"/>
        </xsl:apply-templates>
      </section>

      <section class="product-buy" id="buy">
        <xsl:choose>
          <xsl:when test="$p/@listed = '0'">
            <div class="flash flash-info delisted" role="status">
              <p><strong><xsl:value-of select="m:t('product.delisted')"/></strong></p>
              <p><xsl:value-of select="m:t('product.delisted_explain')"/></p>
            </div>
            <p class="actions">
              <a class="button primary" href="/services"><xsl:value-of select="m:t('nav.services')"/></a>
              <a class="button" href="/categories/{$p/category/@slug}"><xsl:value-of select="m:t('product.delisted_browse', $p/category)"/></a>
            </p>
          </xsl:when>
          <xsl:when test="$p/choice">
            <xsl:apply-templates select="$p" mode="buy"/>
          </xsl:when>
          <xsl:otherwise>
            <p class="empty"><xsl:value-of select="m:t('product.no_prices')"/></p>
          </xsl:otherwise>
        </xsl:choose>
      </section>
    </div>
  </xsl:template>

  <!-- Choose a spec, then one of its periods; the price of the choice
       stands next to 立即购买. -->
  <xsl:template match="product" mode="buy">
    <xsl:variable name="p" select="."/>
    <xsl:variable name="ch" select="choice"/>
    <xsl:variable name="spec" select="specs/spec[@id = $ch/@spec]"/>
    <h2><xsl:value-of select="m:t('product.prices')"/></h2>
    <xsl:for-each select="/page/form-error[@field = 'offer']">
      <p class="flash flash-error" role="alert" id="offer-error"><xsl:call-template name="form-error-text"/></p>
    </xsl:for-each>

    <div class="chooser">
      <p class="chooser-label" id="spec-label"><xsl:value-of select="m:t('product.choose_spec')"/></p>
      <ul class="chips" aria-labelledby="spec-label">
        <xsl:for-each select="specs/spec">
          <!-- keep the chosen period when this spec sells it too -->
          <xsl:variable name="months">
            <xsl:choose>
              <xsl:when test="price[@months = $ch/@months]"><xsl:value-of select="$ch/@months"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="price[1]/@months"/></xsl:otherwise>
            </xsl:choose>
          </xsl:variable>
          <li>
            <a class="chip" href="/products/{$p/@id}?spec={@id}&amp;period={$months}#buy">
              <xsl:if test="@id = $ch/@spec">
                <xsl:attribute name="class">chip current</xsl:attribute>
                <xsl:attribute name="aria-current">true</xsl:attribute>
              </xsl:if>
              <xsl:value-of select="name"/>
            </a>
          </li>
        </xsl:for-each>
      </ul>
      <xsl:if test="$spec/features/feature">
        <ul class="features">
          <xsl:for-each select="$spec/features/feature"><li><xsl:value-of select="."/></li></xsl:for-each>
        </ul>
      </xsl:if>

      <p class="chooser-label" id="period-label"><xsl:value-of select="m:t('product.choose_period')"/></p>
      <ul class="chips" aria-labelledby="period-label">
        <xsl:for-each select="$spec/price">
          <li>
            <a class="chip" href="/products/{$p/@id}?spec={$spec/@id}&amp;period={@months}#buy">
              <xsl:if test="@months = $ch/@months">
                <xsl:attribute name="class">chip current</xsl:attribute>
                <xsl:attribute name="aria-current">true</xsl:attribute>
              </xsl:if>
              <xsl:value-of select="m:period(@months)"/>
              <span class="chip-price"><span class="money"><xsl:value-of select="m:money-text(.)"/></span></span>
            </a>
          </li>
        </xsl:for-each>
      </ul>
      <xsl:if test="string($ch/@months) = '0'">
        <p class="muted once-hint"><xsl:value-of select="m:t('period.once.hint')"/></p>
      </xsl:if>
    </div>

    <form class="buy" action="/buy" method="post">
      <input type="hidden" name="product" value="{@id}"/>
      <input type="hidden" name="spec" value="{$ch/@spec}"/>
      <input type="hidden" name="period" value="{$ch/@months}"/>
      <div class="buy-bar">
        <p class="buy-choice">
          <span class="muted"><xsl:value-of select="m:t('product.your_choice')"/></span>
          <xsl:text> </xsl:text>
          <xsl:value-of select="$spec/name"/>
          <xsl:text> · </xsl:text>
          <xsl:value-of select="m:period($ch/@months)"/>
        </p>
        <p class="buy-price">
          <strong class="price"><span class="money"><xsl:value-of select="m:money-text($ch/price)"/></span></strong>
        </p>
        <button type="submit" class="primary"><xsl:value-of select="m:t('product.buy')"/></button>
      </div>
    </form>

    <div class="price-table">
      <h3><xsl:value-of select="m:t('product.all_prices')"/></h3>
      <table class="prices stack">
        <caption><xsl:value-of select="m:t('product.prices_unit')"/></caption>
        <thead>
          <tr>
            <th scope="col"><xsl:value-of select="m:t('product.spec')"/></th>
            <xsl:for-each select="periods/period">
              <th scope="col"><xsl:value-of select="m:period(@months)"/></th>
            </xsl:for-each>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="specs/spec">
            <xsl:variable name="s" select="."/>
            <tr>
              <th scope="row"><xsl:value-of select="name"/></th>
              <xsl:for-each select="$p/periods/period">
                <xsl:variable name="price" select="$s/price[@months = current()/@months]"/>
                <xsl:variable name="label" select="m:period(@months)"/>
                <xsl:choose>
                  <xsl:when test="$price">
                    <td data-label="{$label}">
                      <a href="/products/{$p/@id}?spec={$s/@id}&amp;period={@months}#buy">
                        <span class="money">
                          <xsl:value-of select="m:money-text($price, '', true())"/>
                        </span>
                      </a>
                    </td>
                  </xsl:when>
                  <xsl:otherwise>
                    <td class="none" data-label="{$label}"><span class="muted" title="{m:t('product.not_sold')}">—</span></td>
                  </xsl:otherwise>
                </xsl:choose>
              </xsl:for-each>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </div>
  </xsl:template>
</xsl:stylesheet>
