<?xml version="1.0" encoding="UTF-8"?>
<!-- An order's facts as the admin's order page and refund form show them:
     what was bought, by whom, from whom, paid and refunded how much, and
     the service it bought. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:m="urn:mp:i18n"
    exclude-result-prefixes="m">

  <xsl:template match="order" mode="admin-order-info">
    <dl class="kv admin-order-info">
      <dt><xsl:value-of select="m:t('admin.orders.no')"/></dt>
      <dd><a href="/admin/orders/{@no}"><xsl:value-of select="@no"/></a></dd>
      <dt><xsl:value-of select="m:t('admin.order.status')"/></dt>
      <dd><xsl:call-template name="order-status"><xsl:with-param name="o" select="."/></xsl:call-template></dd>
      <dt><xsl:value-of select="m:t('admin.order.kind')"/></dt>
      <dd><xsl:call-template name="label"><xsl:with-param name="prefix" select="'order.kind.'"/><xsl:with-param name="value" select="@kind"/></xsl:call-template></dd>
      <dt><xsl:value-of select="m:t('admin.order.buyer')"/></dt>
      <dd><a href="/admin/buyers/{buyer/@id}"><xsl:value-of select="buyer/@email"/></a><xsl:text> </xsl:text><span class="muted"><xsl:value-of select="buyer"/></span></dd>
      <dt><xsl:value-of select="m:t('admin.vendor')"/></dt>
      <dd><a href="/admin/vendors/{vendor/@slug}"><xsl:value-of select="vendor"/></a><xsl:text> </xsl:text><span class="muted"><xsl:value-of select="vendor/@slug"/></span></dd>
      <dt><xsl:value-of select="m:t('admin.product')"/></dt>
      <dd><a href="/products/{@product-id}"><xsl:value-of select="product"/></a></dd>
      <dt><xsl:value-of select="m:t('admin.order.spec')"/></dt>
      <dd><xsl:value-of select="spec"/></dd>
      <dt><xsl:value-of select="m:t('admin.orders.period')"/></dt>
      <dd><xsl:call-template name="period"><xsl:with-param name="months" select="@months"/></xsl:call-template></dd>
      <dt><xsl:value-of select="m:t('order.delivery')"/></dt>
      <dd><xsl:value-of select="m:t(concat('delivery.', @delivery))"/></dd>
      <dt><xsl:value-of select="m:t('admin.order.unit_price')"/></dt>
      <dd><xsl:call-template name="money"><xsl:with-param name="v" select="unit-price"/></xsl:call-template> × <xsl:value-of select="quantity"/></dd>
      <dt><xsl:value-of select="m:t('admin.orders.total')"/></dt>
      <dd><strong><xsl:call-template name="money"><xsl:with-param name="v" select="total"/></xsl:call-template></strong></dd>
      <xsl:if test="refunded-amount">
        <dt><xsl:value-of select="m:t('admin.order.refunded_amount')"/></dt>
        <dd><xsl:call-template name="money"><xsl:with-param name="v" select="refunded-amount"/></xsl:call-template></dd>
      </xsl:if>
      <xsl:if test="left">
        <dt><xsl:value-of select="m:t('admin.order.left')"/></dt>
        <dd><xsl:call-template name="money"><xsl:with-param name="v" select="left"/></xsl:call-template></dd>
      </xsl:if>
      <xsl:if test="@payment-method">
        <dt><xsl:value-of select="m:t('admin.order.payment_method')"/></dt>
        <dd><xsl:call-template name="label"><xsl:with-param name="prefix" select="'method.'"/><xsl:with-param name="value" select="@payment-method"/></xsl:call-template></dd>
      </xsl:if>
      <dt><xsl:value-of select="m:t('admin.orders.created')"/></dt>
      <dd><xsl:call-template name="time"><xsl:with-param name="t" select="@created"/></xsl:call-template></dd>
      <xsl:if test="@status = 'unpaid'">
        <dt><xsl:value-of select="m:t('admin.order.pay_by')"/></dt>
        <dd><xsl:call-template name="time"><xsl:with-param name="t" select="@pay-by"/></xsl:call-template></dd>
      </xsl:if>
      <xsl:if test="@paid">
        <dt><xsl:value-of select="m:t('admin.orders.paid')"/></dt>
        <dd><xsl:call-template name="time"><xsl:with-param name="t" select="@paid"/></xsl:call-template></dd>
      </xsl:if>
      <xsl:if test="@cancelled">
        <dt><xsl:value-of select="m:t('admin.order.cancelled')"/></dt>
        <dd>
          <xsl:call-template name="time"><xsl:with-param name="t" select="@cancelled"/></xsl:call-template>
          <xsl:if test="@cancel-reason"><xsl:text> · </xsl:text><xsl:call-template name="label"><xsl:with-param name="prefix" select="'order.cancel_reason.'"/><xsl:with-param name="value" select="@cancel-reason"/></xsl:call-template></xsl:if>
        </dd>
      </xsl:if>
      <xsl:if test="@refunded">
        <dt><xsl:value-of select="m:t('admin.order.refunded_at')"/></dt>
        <dd><xsl:call-template name="time"><xsl:with-param name="t" select="@refunded"/></xsl:call-template></dd>
      </xsl:if>
      <xsl:if test="instance">
        <dt><xsl:value-of select="m:t('admin.instance')"/></dt>
        <dd>
          <xsl:value-of select="instance/@no"/>
          <xsl:text> </xsl:text>
          <xsl:call-template name="status"><xsl:with-param name="prefix" select="'instance.status.'"/><xsl:with-param name="value" select="instance/@status"/></xsl:call-template>
          <xsl:if test="instance/@expires">
            <xsl:text> · </xsl:text><xsl:value-of select="m:t('admin.order.expires')"/><xsl:text> </xsl:text>
            <xsl:call-template name="time"><xsl:with-param name="t" select="instance/@expires"/></xsl:call-template>
          </xsl:if>
        </dd>
      </xsl:if>
      <xsl:if test="delivery">
        <dt><xsl:value-of select="m:t('admin.delivery')"/></dt>
        <dd>
          <a href="/admin/deliveries/{delivery/@no}"><xsl:value-of select="delivery/@no"/></a>
          <xsl:text> </xsl:text>
          <xsl:call-template name="status"><xsl:with-param name="prefix" select="'delivery.status.'"/><xsl:with-param name="value" select="delivery/@status"/></xsl:call-template>
        </dd>
      </xsl:if>
    </dl>
  </xsl:template>
</xsl:stylesheet>
